//! The console module, loaded by the boot module (see `src/lib.rs`).

fn main() {
    org_area::start_console();
}
