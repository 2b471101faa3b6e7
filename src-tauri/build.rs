fn main() {
    // `generate_context!` embeds ../ui at compile time and tracks the files it
    // saw, but not new ones: watch the directory so adding a file rebuilds.
    println!("cargo:rerun-if-changed=../ui");
    tauri_build::build();
}
