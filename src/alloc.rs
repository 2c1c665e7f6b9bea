//! Allocator settings for a program that draws big meshes every frame.
//!
//! A frame of a 10,000-actor canvas hands egui a few megabytes of vertices, which egui copies
//! into fresh buffers and frees after the GPU upload. With glibc's defaults those buffers are
//! `mmap`ed and unmapped (or trimmed off the heap top) every frame, and the next frame pays a
//! page fault per 4 KiB touched: measured, that is 80% of a hover frame (7.4 ms of 9). Keeping
//! freed memory for reuse removes it (1.4 ms). Call [`tune`] once at start-up.

/// Keep big freed blocks for reuse instead of returning them to the system at every frame:
/// blocks up to 32 MiB come from the heap (not `mmap`), and up to 256 MiB of free heap top is
/// kept. No-op outside glibc.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::tune();
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
mod glibc {
    pub fn tune() {
        // SAFETY: mallopt only changes allocator parameters; it is thread-safe in glibc and the
        // values are in range (M_MMAP_THRESHOLD at most HEAP_MAX_SIZE / 2 = 32 MiB on 64-bit).
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        }
    }
}
