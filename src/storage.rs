//! The reader's edits, kept in localStorage per example. Failures (private
//! mode, quota) are ignored: storage is a convenience.

const PREFIX: &str = "pymem-lab/code/";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_code(id: &str) -> Option<String> {
    storage()?.get_item(&format!("{PREFIX}{id}")).ok()?
}

/// Saves `code`, or forgets the entry when it equals the original.
pub fn save_code(id: &str, code: &str, original: &str) {
    if let Some(s) = storage() {
        let key = format!("{PREFIX}{id}");
        let _ = if code == original { s.remove_item(&key) } else { s.set_item(&key, code) };
    }
}

pub fn forget_code(id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{id}"));
    }
}
