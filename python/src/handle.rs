//! Which tables a Python object reads, and the registry through which the Polars plugin, which
//! receives only plain keyword arguments, finds a gazetteer built in Python.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use crate::calls::{self, Tables};

/// The built-in tables or a gazetteer built at run time, shared by every object made from it.
#[derive(Clone)]
pub enum Handle {
    Builtin,
    Built(Arc<Tables>),
}

impl Handle {
    pub fn tables(&self) -> &Tables {
        match self {
            Handle::Builtin => calls::builtin(),
            Handle::Built(tables) => tables,
        }
    }
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// Gazetteers built in Python, by number. Weak: a gazetteer lives as long as its Python
/// object; an expression that names a dropped one fails with a message saying so.
static LIVE: Mutex<Option<HashMap<u64, Weak<Tables>>>> = Mutex::new(None);

/// Gazetteers the plugin built from a path, kept for the life of the process so that each
/// table is read once however many chunks and threads ask for it.
#[cfg(feature = "polars")]
static BY_PATH: Mutex<Option<HashMap<String, Arc<Tables>>>> = Mutex::new(None);

/// Registers a gazetteer and returns its number (never 0, which stands for the built-in tables).
pub fn register(tables: &Arc<Tables>) -> u64 {
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
    live.get_or_insert_with(HashMap::new)
        .insert(id, Arc::downgrade(tables));
    id
}

/// Forgets a gazetteer whose Python object is gone.
pub fn unregister(id: u64) {
    let mut live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(map) = live.as_mut() {
        map.remove(&id);
    }
}

/// The gazetteer registered under `id`.
///
/// # Errors
///
/// When no live gazetteer has that number.
#[cfg(feature = "polars")]
pub fn by_id(id: u64) -> Result<Handle, String> {
    if id == 0 {
        return Ok(Handle::Builtin);
    }
    let live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
    live.as_ref()
        .and_then(|map| map.get(&id))
        .and_then(Weak::upgrade)
        .map(Handle::Built)
        .ok_or_else(|| {
            format!("gazetteer #{id} no longer exists: keep the Gazetteer object alive while the expression runs")
        })
}

/// The gazetteer built from the table at `path` (with the built-in tables), built on first use.
///
/// # Errors
///
/// Every problem the build found.
#[cfg(feature = "polars")]
pub fn by_path(path: &str) -> Result<Handle, String> {
    let mut cache = BY_PATH.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(tables) = cache.get(path) {
        return Ok(Handle::Built(Arc::clone(tables)));
    }
    let tables = Arc::new(calls::build(
        &[calls::Source::Path(std::path::Path::new(path))],
        true,
        "error",
    )?);
    cache.insert(path.to_owned(), Arc::clone(&tables));
    Ok(Handle::Built(tables))
}
