//! Embeds every deck in `decks/` into the binary, so a fresh install works with no flags.
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let decks = Path::new(&root).join("decks");
    println!("cargo:rerun-if-changed={}", decks.display());
    let mut files: Vec<_> = fs::read_dir(&decks)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("pub static BUNDLED_DECKS: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        out.push_str(&format!(
            "    (\"decks/{name}\", include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_decks.rs");
    fs::write(dest, out).expect("write bundled_decks.rs");
}
