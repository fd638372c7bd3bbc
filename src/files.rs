//! Reading files with a limit on their kind and size: a link to `/dev/zero`, a FIFO or a
//! huge file where recall expects a small one never hangs it or exhausts memory.
use std::{
    fs::{self, File},
    io::{self, Read},
    path::Path,
};

/// What may be read, and how much of it.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// The largest file read; a longer one is an error.
    pub max_bytes: u64,
    /// Only a regular file (for files recall finds by itself: settings, sources). A file
    /// named on the command line may be a pipe or a device (`<(cmd)`, `/dev/stdin`),
    /// read no further than `max_bytes`, as `cat` would read it.
    pub regular_only: bool,
    /// What the file is, in the error: "settings file", "deck".
    pub what: &'static str,
}

impl Limit {
    /// A file recall reads by itself: a regular file of at most `max_bytes`.
    pub const fn found(what: &'static str, max_bytes: u64) -> Self {
        Self {
            max_bytes,
            regular_only: true,
            what,
        }
    }

    /// A file the user named: anything readable, up to `max_bytes`.
    pub const fn named(what: &'static str, max_bytes: u64) -> Self {
        Self {
            max_bytes,
            regular_only: false,
            what,
        }
    }
}

/// `settings.toml` is a few lines.
pub const SETTINGS: Limit = Limit::found("settings file", 1 << 20);
/// A device's review log: a million answers are 70 MB.
pub const LOG: Limit = Limit::found("review log", 1 << 40);
/// The user's lock.
pub const LOCK: Limit = Limit::found("lock file", 0);
/// A cited text in `lint --sources DIR`, or a README beside one.
pub const SOURCE: Limit = Limit::found("source text", 64 << 20);

/// The file's bytes. The kind is checked before the file is opened, so that a FIFO is never
/// waited on, and again on the open file.
pub fn read(path: &Path, limit: Limit) -> io::Result<Vec<u8>> {
    if limit.regular_only {
        regular(&fs::metadata(path)?, limit)?;
    }
    read_open(File::open(path)?, limit)
}

/// [`read`] of a file already open (for example without following a link).
pub fn read_open(file: File, limit: Limit) -> io::Result<Vec<u8>> {
    let meta = file.metadata()?;
    if limit.regular_only {
        regular(&meta, limit)?;
    }
    if meta.is_file() && meta.len() > limit.max_bytes {
        return Err(too_large(limit));
    }
    let mut bytes = Vec::new();
    file.take(limit.max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.max_bytes {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// [`read`] as text: bytes that are not UTF-8 are an error.
pub fn read_to_string(path: &Path, limit: Limit) -> io::Result<String> {
    into_text(read(path, limit)?)
}

/// Bytes read as text: bytes that are not UTF-8 are an error.
pub fn into_text(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// A regular file, or an error naming what it is instead.
pub fn regular(meta: &fs::Metadata, limit: Limit) -> io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "a {} must be a regular file, not {}",
            limit.what,
            kind(meta)
        ),
    ))
}

fn kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

fn too_large(limit: Limit) -> io::Error {
    let size = if limit.max_bytes >= 1 << 20 {
        format!("{} MiB", limit.max_bytes >> 20)
    } else {
        format!("{} KiB", limit.max_bytes >> 10)
    };
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the file is larger than {size}, too large for a {}",
            limit.what
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_under_it_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        fs::write(&path, vec![b'a'; 2000]).unwrap();
        let small = Limit::found("settings file", 1024);
        let e = read(&path, small).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the file is larger than 1 KiB, too large for a settings file"
        );
        assert_eq!(read(&path, Limit::found("x", 2000)).unwrap().len(), 2000);
        let e = read(dir.path(), small).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a settings file must be a regular file, not a folder"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_where_a_file_is_expected_and_bounded_where_named() {
        let e = read(Path::new("/dev/zero"), SETTINGS).unwrap_err();
        assert!(e.to_string().ends_with("not a device"), "{e}");
        let e = read(Path::new("/dev/zero"), Limit::named("deck", 4096)).unwrap_err();
        assert!(e.to_string().contains("larger than 4 KiB"), "{e}");
    }
}
