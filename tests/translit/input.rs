//! Reading inputs in chunks (through the CLI).
