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
    show,
};

/// Each log's path and text.
type Texts = Vec<(String, String)>;

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
        let text = open_in_folder(&path, OpenOptions::new().read(true), crate::files::SETTINGS)
            .and_then(|file| crate::files::read_open(file, crate::files::SETTINGS))
            .and_then(crate::files::into_text);
        match text {
            Ok(text) => {
                Settings::parse(&path.display().to_string(), &text).map_err(Error::Settings)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(Error::storage("read", path, e)),
        }
    }

    /// The device logs in the folder, and a problem for each `log-*.tsv` that is not a file
    /// (a folder, or a link, which is never followed).
    fn logs(&self) -> Result<(Vec<PathBuf>, Vec<Located>)> {
        let entries = match fs::read_dir(&self.path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Default::default()),
            Err(e) => return Err(Error::storage("read", &self.path, e)),
        };
        let (mut logs, mut problems) = (Vec::new(), Vec::new());
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !(name.starts_with("log-") && name.ends_with(".tsv")) {
                continue;
            }
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_file() => logs.push(path),
                Ok(kind) => {
                    let why = if kind.is_symlink() {
                        NOT_FOLLOWED
                    } else {
                        "it is not a file"
                    };
                    problems.push(whole_file(&path, format!("{why}; not read")));
                }
                Err(e) => problems.push(whole_file(&path, format!("{e}; not read"))),
            }
        }
        logs.sort();
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok((logs, problems))
    }

    /// Each device log's size: appends change it.
    pub fn log_sizes(&self) -> Result<Vec<(PathBuf, u64)>> {
        self.logs()?
            .0
            .into_iter()
            .map(|path| match fs::symlink_metadata(&path) {
                Ok(meta) => Ok((path, meta.len())),
                Err(e) => Err(Error::storage("read", &path, e)),
            })
            .collect()
    }

    /// Every entry from every device's log that stands, oldest first (undone answers and the
    /// undos left out); and the lines that could not be read.
    pub fn read_log(&self) -> Result<(Vec<Record>, Vec<Located>)> {
        let (owned, mut unread) = self.read_texts()?;
        let texts: Vec<(&str, &str)> = owned
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let (lines, problems) = merge::lines_in_order(&texts);
        unread.extend(problems);
        let latest = latest_plausible();
        if lines.iter().any(|l| l.utc() > latest) {
            unread.extend(future_lines(&owned, latest));
        }
        Ok((
            lines
                .into_iter()
                .filter(|l| l.utc() <= latest)
                .map(log::Line::to_record)
                .collect(),
            unread,
        ))
    }

    /// What every device's log says, the states `scheduler` replays from it, and the lines
    /// (or logs) that could not be read.
    pub fn read_progress(&self, scheduler: &Scheduler) -> Result<Progress> {
        let (logs, mut unread) = self.logs()?;
        let mut read = cache::read(self.cache.as_deref(), &logs, scheduler)?;
        unread.append(&mut read.problems);
        // Checked after the cache: a line dated tomorrow is fine the day after.
        let latest = latest_plausible();
        if read.history.drop_after(latest) > 0 {
            read.states = read.history.states(scheduler);
            let (texts, _) = self.read_texts()?;
            unread.extend(future_lines(&texts, latest));
        }
        read.problems = unread;
        Ok(read)
    }

    /// Each device's log: its path and its text; and the logs that could not be read.
    fn read_texts(&self) -> Result<(Texts, Vec<Located>)> {
        let (logs, unread) = self.logs()?;
        let texts = logs
            .into_iter()
            .map(|path| {
                let mut bytes = Vec::new();
                open_in_folder(&path, OpenOptions::new().read(true), crate::files::LOG)
                    .and_then(|mut file| file.read_to_end(&mut bytes))
                    .map_err(|e| Error::storage("read", &path, e))?;
                let text = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                };
                Ok((path.display().to_string(), text))
            })
            .collect::<Result<_>>()?;
        Ok((texts, unread))
    }
    /// Refuses to begin the log `name` beside one whose name differs from it only in case
    /// (or in how its accents are encoded): on macOS and Windows the two are one file, and
    /// they become one when the folder is synced there, so two devices would share a log
    /// (and an old-style undo of one could take back the other's answer).
    fn refuse_case_twin(&self, name: &str) -> Result<()> {
        use unicode_normalization::UnicodeNormalization;
        let fold = |n: &str| n.nfc().flat_map(char::to_lowercase).collect::<String>();
        let names: Vec<String> = self
            .logs()?
            .0
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        if names.iter().any(|n| n == name) {
            return Ok(());
        }
        let Some(twin) = names.iter().find(|n| fold(n) == fold(name)) else {
            return Ok(());
        };
        let device = |n: &str| {
            let n = n.strip_prefix("log-").unwrap_or(n);
            show::value(n.strip_suffix(".tsv").unwrap_or(n)).into_owned()
        };
        Err(Error::Usage(format!(
            "this device's log would be `{}`, but `{}` in `{}` differs from it only in case, and on macOS and Windows they are one file: two devices would share a log; set RECALL_DEVICE to a name of this device's own (or to `{}` if that log is this device's)",
            show::value(name),
            show::value(twin),
            show::value(&self.path.display().to_string()),
            device(twin)
        )))
    }

    /// Takes the user's lock and opens this device's log for appending.
    pub fn open_writer(&self, device: &str) -> Result<Writer> {
        create_private_dir(&self.path)?;
        let lock = Lock::take(&self.path)?;
        let name = format!("log-{device}.tsv");
        self.refuse_case_twin(&name)?;
        let path = self.path.join(&name);
        let mut file = open_in_folder(
            &path,
            private(OpenOptions::new().create(true).read(true).append(true)),
            crate::files::LOG,
        )
        .map_err(|e| Error::storage("open", &path, e))?;
        // Files made before recall kept them private, or copied in, are made private too;
        // through the file opened, so never the target of a link.
        make_private(&file);
        let settings = self.path.join(settings::FILE_NAME);
        if let Ok(settings) = open_in_folder(
            &settings,
            OpenOptions::new().read(true),
            crate::files::SETTINGS,
        ) {
            make_private(&settings);
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
            lock,
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
    lock: Lock,
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
        self.lock.still_held()?;
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

/// The latest time a log line may have: a day after now (`RECALL_NOW` if set). A line
/// dated later, written by a device whose clock was wrong or by hand, would put its card
/// out of reach for years; it is reported and not scheduled from.
fn latest_plausible() -> chrono::DateTime<chrono::Utc> {
    let now = crate::Clock::from_env()
        .map(|c| c.now())
        .unwrap_or_else(|_| chrono::Local::now().fixed_offset());
    now.to_utc() + chrono::Duration::days(1)
}

/// The lines of `texts` dated after `latest`, as problems.
fn future_lines(texts: &[(String, String)], latest: chrono::DateTime<chrono::Utc>) -> Vec<Located> {
    let mut problems = Vec::new();
    for (path, text) in texts {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let time = line.split('\t').next().unwrap_or_default();
            if let Ok(at) = log::parse_time(time)
                && at.to_utc() > latest
                && log::Line::parse(line.trim_end_matches(['\n', '\r'])).is_ok()
            {
                problems.push(
                    Located::at(
                        path,
                        text,
                        start,
                        format!("time `{time}` is more than a day after now; line skipped"),
                    )
                    .help("set the clock of the device that wrote it right; the line stays in the file"),
                );
            }
        }
    }
    problems
}

/// The user's lock: the progress folder itself and the `lock` file in it, both locked while
/// a session writes. A sync tool may delete or replace the `lock` file, never the folder
/// while it is open; the file is kept for older versions of recall, which lock only it.
struct Lock {
    folder: PathBuf,
    #[cfg(unix)]
    _dir: File,
    #[cfg(unix)]
    dir_id: (u64, u64),
    file: File,
    file_id: Option<(u64, u64)>,
}

impl Lock {
    fn take(folder: &Path) -> Result<Self> {
        #[cfg(unix)]
        let (dir, dir_id) = {
            let dir = File::open(folder).map_err(|e| Error::storage("open", folder, e))?;
            lock(&dir, folder)?;
            let id = file_id(&dir).map_err(|e| Error::storage("read", folder, e))?;
            (dir, id)
        };
        let (file, file_id) = Self::take_file(folder)?;
        Ok(Self {
            folder: folder.to_owned(),
            #[cfg(unix)]
            _dir: dir,
            #[cfg(unix)]
            dir_id,
            file,
            file_id,
        })
    }

    fn take_file(folder: &Path) -> Result<(File, Option<(u64, u64)>)> {
        let path = folder.join("lock");
        let file = open_in_folder(
            &path,
            private(OpenOptions::new().create(true).truncate(false).write(true)),
            crate::files::LOCK,
        )
        .map_err(|e| Error::storage("create", &path, e))?;
        lock(&file, &path)?;
        make_private(&file);
        let id = file_id(&file).ok();
        Ok((file, id))
    }

    /// Checked before each answer is saved: the folder is still the one locked, and the
    /// `lock` file is still the one held; one that a sync tool deleted or replaced is taken
    /// again, unless another session holds it by now.
    fn still_held(&mut self) -> Result<()> {
        let path = self.folder.join("lock");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Followed, as when it was locked: the folder may be a link the user made.
            let now = fs::metadata(&self.folder).map(|m| (m.dev(), m.ino()));
            if now.ok() != Some(self.dir_id) {
                return Err(Error::LockLost { path });
            }
        }
        let now = fs::symlink_metadata(&path).ok().map(|m| meta_id(&m));
        if now.is_none() || now != self.file_id {
            let (file, id) = Self::take_file(&self.folder).map_err(|e| match e {
                Error::Locked { path } => Error::LockLost { path },
                e => e,
            })?;
            (self.file, self.file_id) = (file, id);
        }
        Ok(())
    }
}

fn lock(file: &File, path: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(fs::TryLockError::WouldBlock) => Err(Error::Locked {
            path: path.to_owned(),
        }),
        Err(fs::TryLockError::Error(e)) => Err(Error::storage("lock", path, e)),
    }
}

fn file_id(file: &File) -> io::Result<(u64, u64)> {
    file.metadata().map(|m| meta_id(&m))
}

/// What tells one file from another at the same path: device and inode (on Unix).
fn meta_id(meta: &fs::Metadata) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        (0, 0)
    }
}

const NOT_FOLLOWED: &str = "it is a symbolic link, and recall follows no link in a progress folder (replace it with the file itself)";

fn whole_file(path: &Path, message: String) -> Located {
    Located {
        path: path.display().to_string(),
        line: 0,
        column: 0,
        message,
        help: None,
        snippet: None,
    }
}

/// Opens a file of a progress folder, never through a symbolic link (a sync tool can carry
/// one in) and only if it is a regular file (no device, FIFO or folder): `limit` names it.
pub(crate) fn open_in_folder(
    path: &Path,
    options: &mut OpenOptions,
    limit: crate::files::Limit,
) -> io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| {
        if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            io::Error::new(io::ErrorKind::InvalidInput, NOT_FOLLOWED)
        } else {
            e
        }
    })?;
    crate::files::regular(&file.metadata()?, limit)?;
    Ok(file)
}

/// Replaces a file of a progress folder whole (a private temporary file beside it, renamed
/// over it): a link there is replaced, not followed, and the new file is 0600.
pub(crate) fn replace_private(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::output::replace(path, bytes, true, Some(0o600)).map_err(|e| match e {
        crate::output::Failure::Io(e) => Error::storage("write", path, e),
        crate::output::Failure::Exists => {
            Error::storage("write", path, io::ErrorKind::AlreadyExists.into())
        }
    })
}

/// New files only their owner can read and write: answers say what a student knows.
pub(crate) fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options
}

/// Takes away the group's and others' access to an open file or folder; best effort.
fn make_private(file: &File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = file.metadata()
            && meta.permissions().mode() & 0o077 != 0
        {
            let mode = meta.permissions().mode() & 0o700;
            let _ = file.set_permissions(fs::Permissions::from_mode(mode));
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// Creates the folder 0700; one that exists (and is not a link) is made so too.
pub(crate) fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(path)
        .map_err(|e| Error::storage("create", path, e))?;
    #[cfg(unix)]
    {
        let mut options = OpenOptions::new();
        std::os::unix::fs::OpenOptionsExt::custom_flags(
            options.read(true),
            libc::O_NOFOLLOW | libc::O_DIRECTORY,
        );
        if let Ok(dir) = options.open(path) {
            make_private(&dir);
        }
    }
    Ok(())
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
