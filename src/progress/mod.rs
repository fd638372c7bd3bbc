//! Per-user progress: a folder per user holding one review log per device and the settings.
pub(crate) mod cache;
pub mod history;
pub mod log;
mod merge;
pub mod settings;

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Read, Seek, SeekFrom, Write},
    path::{Path, PathBuf},
};

pub use cache::Progress;
pub use history::History;
pub use log::{Entry, Record};
pub use settings::Settings;

use crate::{
    cli::Global,
    error::{Error, Located, Result},
    schedule::Scheduler,
};

/// One user's progress folder.
pub struct UserDir {
    pub user: String,
    pub path: PathBuf,
    /// Where what the logs said is cached between runs, if anywhere.
    pub cache: Option<PathBuf>,
}

impl UserDir {
    /// `--user`/`RECALL_USER` (default: the login name) under `--data-dir`/`RECALL_DATA_DIR`
    /// (default: the platform data dir).
    pub fn resolve(global: &Global) -> Result<Self> {
        let user = match &global.user {
            Some(user) => user.clone(),
            None => login_name(),
        };
        if user.is_empty()
            || user.len() > 64
            || user.starts_with('.')
            || !user
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.@".contains(c))
        {
            return Err(Error::Usage(format!(
                "`{user}` is not a usable user name: use letters, digits, `-`, `_`, `.` or `@` (at most 64)"
            )));
        }
        let root = match &global.data_dir {
            Some(dir) => dir.clone(),
            None => directories::ProjectDirs::from("", "", "recall")
                .map(|p| p.data_dir().to_path_buf())
                .ok_or_else(|| {
                    Error::Usage("no home folder to keep progress in; pass --data-dir".into())
                })?,
        };
        let root = std::path::absolute(&root).map_err(|e| Error::storage("find", &root, e))?;
        let path = root.join(&user);
        Ok(Self::new(user, path))
    }

    /// The user `user` whose progress is in `path`, with the cache in the machine's cache
    /// folder: `RECALL_CACHE_DIR` if set (empty for none), else the platform's.
    pub fn new(user: String, path: PathBuf) -> Self {
        Self {
            cache: cache_dir().map(|dir| cache::path_in(&dir, &user, &path)),
            user,
            path,
        }
    }

    pub fn settings(&self) -> Result<Settings> {
        let path = self.path.join(settings::FILE_NAME);
        match crate::files::read_to_string(&path, crate::files::SETTINGS) {
            Ok(text) => {
                Settings::parse(&path.display().to_string(), &text).map_err(Error::Settings)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(Error::storage("read", path, e)),
        }
    }

    /// The device logs in the folder.
    fn logs(&self) -> Result<Vec<PathBuf>> {
        let entries = match fs::read_dir(&self.path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::storage("read", &self.path, e)),
        };
        let mut logs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.starts_with("log-") && name.ends_with(".tsv") && p.is_file()
            })
            .collect();
        logs.sort();
        Ok(logs)
    }

    /// Each device log's size: appends change it.
    pub fn log_sizes(&self) -> Result<Vec<(PathBuf, u64)>> {
        self.logs()?
            .into_iter()
            .map(|path| match fs::metadata(&path) {
                Ok(meta) => Ok((path, meta.len())),
                Err(e) => Err(Error::storage("read", &path, e)),
            })
            .collect()
    }

    /// Every entry from every device's log that stands, oldest first (undone answers and the
    /// undos left out); and the lines that could not be read.
    pub fn read_log(&self) -> Result<(Vec<Record>, Vec<Located>)> {
        let texts = self.read_texts()?;
        let texts: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let (lines, problems) = merge::lines_in_order(&texts);
        Ok((
            lines.into_iter().map(log::Line::to_record).collect(),
            problems,
        ))
    }

    /// What every device's log says, the states `scheduler` replays from it, and the lines
    /// that could not be read.
    pub fn read_progress(&self, scheduler: &Scheduler) -> Result<Progress> {
        cache::read(self.cache.as_deref(), &self.logs()?, scheduler)
    }

    /// Each device's log: its path and its text.
    fn read_texts(&self) -> Result<Vec<(String, String)>> {
        self.logs()?
            .into_iter()
            .map(|path| {
                let bytes = fs::read(&path).map_err(|e| Error::storage("read", &path, e))?;
                let text = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                };
                Ok((path.display().to_string(), text))
            })
            .collect()
    }
    /// Takes the user's lock and opens this device's log for appending.
    pub fn open_writer(&self, device: &str) -> Result<Writer> {
        create_private_dir(&self.path)?;
        let lock_path = self.path.join("lock");
        let lock = private(OpenOptions::new().create(true).truncate(false).write(true))
            .open(&lock_path)
            .map_err(|e| Error::storage("create", &lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(Error::Locked { path: lock_path }),
            Err(fs::TryLockError::Error(e)) => return Err(Error::storage("lock", &lock_path, e)),
        }
        let path = self.path.join(format!("log-{device}.tsv"));
        let mut file = private(OpenOptions::new().create(true).read(true).append(true))
            .open(&path)
            .map_err(|e| Error::storage("open", &path, e))?;
        // Files made before recall kept them private, or copied in, are made private too.
        for made in [&lock_path, &path, &self.path.join(settings::FILE_NAME)] {
            make_private(made);
        }
        let len = file
            .metadata()
            .map_err(|e| Error::storage("read", &path, e))?
            .len();
        let mut start = String::new();
        if len == 0 {
            start = format!("{}\n", log::HEADER);
        } else {
            // A line torn by a crash must not swallow the next answer.
            let mut last = [0u8];
            file.seek(SeekFrom::End(-1))
                .and_then(|_| file.read_exact(&mut last))
                .map_err(|e| Error::storage("read", &path, e))?;
            if last[0] != b'\n' {
                start.push('\n');
            }
        }
        let mut writer = Writer {
            _lock: lock,
            file,
            path,
            device: device.to_owned(),
            begun: len == 0,
        };
        if !start.is_empty() {
            writer.write(&start)?;
        }
        Ok(writer)
    }
}

/// This device's log, open for appending while the user's lock is held.
pub struct Writer {
    _lock: File,
    file: File,
    pub path: PathBuf,
    /// The device whose log this is, as [`device_name`] gives it.
    pub device: String,
    /// Whether the log was begun by this writer: it holds no answer yet.
    pub begun: bool,
}

impl Writer {
    /// Appends one answer and waits until it is on disk.
    pub fn append(&mut self, record: &Record) -> Result<()> {
        self.write(&record.to_line())
    }

    fn write(&mut self, text: &str) -> Result<()> {
        let before = self.file.metadata().map(|m| m.len());
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(|e| {
                // Best effort: take back a half-written line so the log stays whole.
                if let Ok(len) = before {
                    let _ = self.file.set_len(len);
                }
                Error::storage("save the answer to", &self.path, e)
            })
    }
}

/// New files only their owner can read and write: answers say what a student knows.
fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options
}

/// Takes away the group's and others' access to an existing file; best effort.
fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path)
            && meta.is_file()
            && meta.permissions().mode() & 0o077 != 0
        {
            let mode = meta.permissions().mode() & 0o700;
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(path)
        .map_err(|e| Error::storage("create", path, e))
}

/// The machine's cache folder: `RECALL_CACHE_DIR` if set (empty for none), else the platform's.
pub fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os("RECALL_CACHE_DIR") {
        Some(dir) if dir.is_empty() => None,
        Some(dir) => std::path::absolute(dir).ok(),
        None => {
            directories::ProjectDirs::from("", "", "recall").map(|p| p.cache_dir().to_path_buf())
        }
    }
}

fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "default".to_owned())
}

/// The name this device's log is kept under (`log-<name>.tsv`): `RECALL_DEVICE`, else the
/// host name, as [`device_file_name`] writes it.
pub fn device_name() -> String {
    let raw = std::env::var("RECALL_DEVICE")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| gethostname::gethostname().to_string_lossy().into_owned());
    device_file_name(&raw)
}

/// A device's name as a file name, one to one: letters, digits, `-` and `_` as they are,
/// every other character as `%` and the hex of its UTF-8 bytes (`a.b` is `a%2Eb`, `a/b` is
/// `a%2Fb`), so that no two devices share a log and no name reaches outside the folder.
pub fn device_file_name(raw: &str) -> String {
    if raw.is_empty() {
        return "device".to_owned();
    }
    let mut name = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            name.push(c);
        } else {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                name.push_str(&format!("%{b:02X}"));
            }
        }
    }
    name
}

/// Whether `name` is what [`device_file_name`] makes of some device's name.
fn is_device_name(name: &str) -> bool {
    let mut bytes = Vec::with_capacity(name.len());
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if c == '%' {
            let Some(b) = rest
                .get(1..3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            else {
                return false;
            };
            bytes.push(b);
            rest = &rest[3..];
        } else {
            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            rest = &rest[c.len_utf8()..];
        }
    }
    String::from_utf8(bytes).is_ok_and(|raw| !raw.is_empty() && device_file_name(&raw) == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_map_one_to_one_onto_file_names() {
        let names = [
            "a/b", "a.b", "a b", "a-b", "a_b", "a%2Fb", "laptop", "Chosŏn", "..", "a\\b",
        ];
        let files: Vec<String> = names.iter().map(|n| device_file_name(n)).collect();
        let distinct: std::collections::HashSet<&String> = files.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{files:?}");
        assert_eq!(files[2], "a%20b");
        for (name, file) in names.iter().zip(&files) {
            assert!(is_device_name(file), "{name} -> {file}");
            assert!(
                file.chars()
                    .all(|c| c.is_alphanumeric() || "-_%".contains(c))
            );
        }
        // Names from before keep their logs.
        assert_eq!(device_file_name("my-laptop_2"), "my-laptop_2");
        for copy in [
            "laptop (conflicted copy)",
            "laptop.sync-conflict-1",
            "a%2fb",
            "a%2",
            "",
        ] {
            assert!(!is_device_name(copy), "{copy}");
        }
    }
}
