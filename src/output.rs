//! Files written for the user (`--out`, `--json`): whole or not at all, and never destroying
//! what is there. `-` is stdout; an existing file is replaced only with `--force`, even when
//! another process creates it meanwhile; a device, a FIFO or the terminal is written through,
//! never replaced; a link is followed to the file it names, and stays a link.
use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write},
    path::{Path, PathBuf},
};

use crate::error::{Error, Result};

/// Whether `path` means stdout.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `bytes` to `path` (see the module's documentation).
pub fn write(path: &Path, force: bool, bytes: &[u8]) -> Result<()> {
    if is_stdout(path) {
        let mut out = io::stdout().lock();
        if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
            crate::output_failed(e);
        }
        return Ok(());
    }
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            // `/dev/stdout` is a link: what it names decides, and the link stays.
            match fs::metadata(path) {
                Ok(named) if named.is_file() => {
                    fs::canonicalize(path).map_err(|e| Error::storage("write", path, e))?
                }
                Ok(named) => return write_through(path, &named, bytes),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(Error::Usage(format!(
                        "`{}` is a link to nothing; remove it or choose another file",
                        path.display()
                    )));
                }
                Err(e) => return Err(Error::storage("write", path, e)),
            }
        }
        Ok(meta) if !meta.is_file() => return write_through(path, &meta, bytes),
        Ok(_) | Err(_) => path.to_owned(),
    };
    replace(&target, bytes, force, None).map_err(|e| match e {
        Failure::Exists => exists(path),
        Failure::Io(e) => Error::storage("write", path, e),
    })
}

fn exists(path: &Path) -> Error {
    Error::Usage(format!(
        "`{}` exists already; pass --force to replace it, or choose another file",
        path.display()
    ))
}

/// A device or a FIFO takes the bytes as they come; a folder is no file to write.
fn write_through(path: &Path, meta: &fs::Metadata, bytes: &[u8]) -> Result<()> {
    if meta.is_dir() {
        return Err(Error::Usage(format!(
            "`{}` is a folder; give the name of a file to write",
            path.display()
        )));
    }
    OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
        .map_err(|e| Error::storage("write", path, e))
}

pub(crate) enum Failure {
    Exists,
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// Writes `bytes` to a temporary file beside `path` (mode `mode`, else as any new file),
/// flushed to disk, then puts it at `path`: over an existing file only if `force`, and
/// otherwise refusing even a file created by someone else a moment before.
pub(crate) fn replace(
    path: &Path,
    bytes: &[u8],
    force: bool,
    mode: Option<u32>,
) -> std::result::Result<(), Failure> {
    remove_leftovers(path);
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(Failure::Exists);
    }
    let temp = temp_path(path);
    let written = (|| -> std::result::Result<(), Failure> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(mode) = mode {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        if force
            && mode.is_none()
            && let Ok(old) = fs::metadata(path)
        {
            // A file replaced keeps who may read it.
            let _ = file.set_permissions(old.permissions());
        }
        // On disk before it takes the name, so that a crash leaves the old file or the new one.
        file.sync_all()?;
        drop(file);
        if force {
            fs::rename(&temp, path)?;
        } else {
            put_new(&temp, path)?;
        }
        sync_dir(path);
        Ok(())
    })();
    let _ = fs::remove_file(&temp);
    written
}

/// Gives `temp` the name `path` if nothing has it: a hard link fails on an existing name,
/// at once (where links cannot be made, the name is checked just before the rename).
fn put_new(temp: &Path, path: &Path) -> std::result::Result<(), Failure> {
    match fs::hard_link(temp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(Failure::Exists),
        Err(_) if fs::symlink_metadata(path).is_ok() => Err(Failure::Exists),
        Err(_) => Ok(fs::rename(temp, path)?),
    }
}

fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// `.<name>.<pid>.tmp` beside `path`.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Removes the temporary files beside `path` that processes killed while writing it left.
pub(crate) fn remove_leftovers(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && !running(pid, &entry)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether the process `pid` may still be writing: on Linux, whether it runs; elsewhere,
/// whether its file changed in the last hour.
fn running(pid: u32, entry: &fs::DirEntry) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() < 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_written_and_an_existing_one_kept_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write(&path, false, b"one").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert!(matches!(write(&path, false, b"two"), Err(Error::Usage(_))));
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write(&path, true, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        // A killed process's temporary file goes; a running one's stays.
        let dead = dir.path().join(".out.txt.4000000000.tmp");
        let alive = temp_path(&path);
        fs::write(&dead, "x").unwrap();
        fs::write(&alive, "x").unwrap();
        remove_leftovers(&path);
        assert!(!dead.exists() && alive.exists());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2);
    }
}
