//! The `canonym translit` command.
