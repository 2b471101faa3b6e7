//! What an operating-system error means, in words a fan reads: "the folder
//! does not exist", not "No such file or directory (os error 2)". Every
//! front end and crate that shows an I/O error words it here, once.

use std::io::{self, ErrorKind};

/// An I/O error in plain words, without the OS's error number. The words
/// fit after "cannot read /x/y.json: ", "cannot reach …: " and the like.
pub fn io_words(error: &io::Error) -> String {
    // An error made with words of its own ("it is a folder; give a file
    // name") keeps them: only the OS's are said here.
    if error.get_ref().is_some() {
        return without_os_error(&error.to_string());
    }
    let words = match error.kind() {
        ErrorKind::NotFound => "there is no such file or folder",
        ErrorKind::PermissionDenied => "you do not have permission to open it",
        ErrorKind::AlreadyExists => "a file of that name is already there",
        ErrorKind::ConnectionRefused => "the connection was refused (nothing is listening there)",
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => {
            "the connection was cut off"
        }
        ErrorKind::NotConnected => "it is not connected",
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "it did not answer in time",
        ErrorKind::NetworkUnreachable | ErrorKind::NetworkDown => {
            "the network is unreachable (is the computer offline?)"
        }
        ErrorKind::HostUnreachable => "the host is unreachable",
        ErrorKind::AddrInUse => "the address is already in use",
        ErrorKind::AddrNotAvailable => "the address is not available",
        ErrorKind::UnexpectedEof => "it ended before it was complete",
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::FileTooLarge => "the disk is full, or the file is larger than it allows",
        ErrorKind::QuotaExceeded => "the disk quota is exceeded",
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        ErrorKind::NotADirectory => "a file is where a folder should be",
        ErrorKind::IsADirectory => "it is a folder, not a file",
        ErrorKind::DirectoryNotEmpty => "the folder is not empty",
        ErrorKind::InvalidFilename => "the name is too long or not allowed",
        ErrorKind::CrossesDevices => "it is on another disk",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "it is in use",
        ErrorKind::OutOfMemory => "the computer ran out of memory",
        ErrorKind::Interrupted => "it was interrupted",
        _ => return without_os_error(&error.to_string()),
    };
    words.to_owned()
}

/// What writing to a file failed on: [`io_words`], said of writing.
pub fn io_words_writing(error: &io::Error) -> String {
    if error.get_ref().is_some() {
        return io_words(error);
    }
    match error.kind() {
        ErrorKind::NotFound => "its folder does not exist".into(),
        ErrorKind::PermissionDenied => "permission denied (the folder is read-only)".into(),
        _ => io_words(error),
    }
}

/// `text` without the " (os error N)" the standard library appends, on
/// one line.
pub fn without_os_error(text: &str) -> String {
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => text,
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_kinds_are_said_in_words_without_an_error_number() {
        for (code, expected) in [
            (2, "there is no such file or folder"),
            (13, "you do not have permission to open it"),
            (17, "a file of that name is already there"),
            (
                111,
                "the connection was refused (nothing is listening there)",
            ),
            (28, "the disk is full"),
            (30, "the disk is read-only"),
        ] {
            let error = io::Error::from_raw_os_error(code);
            assert_eq!(io_words(&error), expected, "os error {code}");
        }
    }

    #[test]
    fn a_kind_without_words_of_its_own_loses_its_error_number() {
        let error = io::Error::from_raw_os_error(71); // EPROTO
        let words = io_words(&error);
        assert!(!words.contains("os error"), "{words}");
        assert!(!words.is_empty());
    }

    #[test]
    fn a_missing_folder_and_a_refused_write_are_said_of_writing() {
        let missing = io::Error::from(ErrorKind::NotFound);
        assert_eq!(io_words_writing(&missing), "its folder does not exist");
        let refused = io::Error::from(ErrorKind::PermissionDenied);
        assert_eq!(
            io_words_writing(&refused),
            "permission denied (the folder is read-only)"
        );
    }

    #[test]
    fn an_error_with_words_of_its_own_keeps_them() {
        let error = io::Error::new(ErrorKind::IsADirectory, "it is a folder; give a file name");
        assert_eq!(io_words(&error), "it is a folder; give a file name");
        assert_eq!(io_words_writing(&error), "it is a folder; give a file name");
    }

    #[test]
    fn an_error_made_with_a_message_keeps_it_on_one_line() {
        let error = io::Error::other("the player\nsaid no");
        assert_eq!(io_words(&error), "the player said no");
    }
}
