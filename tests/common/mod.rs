//! Shared by the integration tests that run example binaries.
#![allow(dead_code)]

pub mod protocols;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The binary of example `name`, built once per test run with this test's profile.
pub fn example_binary(name: &'static str) -> &'static Path {
    static BINARIES: Mutex<Vec<(&'static str, &'static Path)>> = Mutex::new(Vec::new());
    let mut built = BINARIES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, path)) = built.iter().find(|(n, _)| *n == name) {
        return path;
    }
    let path: &'static Path = Box::leak(build(name).into_boxed_path());
    built.push((name, path));
    path
}

fn build(name: &str) -> PathBuf {
    {
        // This test runs from <target>/<profile>/deps/cli-<hash>.
        let exe = std::env::current_exe().expect("test binary path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test binary lives in <target>/<profile>/deps")
            .to_path_buf();
        let profile = profile_dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("profile directory name")
            .to_string();
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--quiet", "--example", name, "--manifest-path"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
        match profile.as_str() {
            "debug" => {}
            "release" => {
                cargo.arg("--release");
            }
            other => {
                cargo.args(["--profile", other]);
            }
        }
        if let Some(target_dir) = profile_dir.parent() {
            cargo.arg("--target-dir").arg(target_dir);
        }
        let built = cargo.output().expect("run cargo build");
        assert!(
            built.status.success(),
            "building the example failed:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let binary = profile_dir
            .join("examples")
            .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.exists(), "no binary at {}", binary.display());
        binary
    }
}
