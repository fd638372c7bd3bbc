//! Embeds every deck in `decks/` into the binary, so a fresh install works with no flags;
//! and names the build, so that a cache written by another build is not read.
use std::{
    env, fs,
    hash::{DefaultHasher, Hash, Hasher},
    path::{Path, PathBuf},
};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    build_id(Path::new(&root));
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

/// `RECALL_BUILD_ID`: a hash of the sources, the locked dependencies and the compiler's target.
fn build_id(root: &Path) {
    let mut files = vec![root.join("Cargo.lock"), root.join("Cargo.toml")];
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        let name: PathBuf = file.strip_prefix(root).unwrap_or(file).into();
        name.hash(&mut hasher);
        fs::read(file).unwrap_or_default().hash(&mut hasher);
    }
    for var in ["TARGET", "PROFILE", "RUSTC"] {
        env::var(var).unwrap_or_default().hash(&mut hasher);
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rustc-env=RECALL_BUILD_ID={:016x}", hasher.finish());
}
