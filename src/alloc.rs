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

/// `len` copies of `value` in memory the kernel is asked to back with transparent huge pages
/// (`madvise(MADV_HUGEPAGE)` before the pages are first touched), for big tables read at random
/// (the language model's weights): one TLB entry per 2 MiB instead of per 4 KiB. Elsewhere, or
/// when the kernel declines, a plain vector.
pub fn huge_vec<T: Clone>(len: usize, value: T) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(len);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::advise_huge(v.as_ptr().cast(), len * std::mem::size_of::<T>());
    v.resize(len, value);
    v
}

/// Give freed heap memory back to the system (after a big one-off load whose temporary
/// buffers would otherwise stay resident under [`tune`]'s settings). No-op outside glibc.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::trim();
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
mod glibc {
    pub fn trim() {
        // SAFETY: malloc_trim only releases free memory of glibc's own arenas; thread-safe.
        unsafe {
            libc::malloc_trim(0);
        }
    }

    /// `madvise(MADV_HUGEPAGE)` on the whole pages inside `len` bytes from `ptr`.
    pub fn advise_huge(ptr: *const u8, len: usize) {
        const PAGE: usize = 4096;
        if len < 4 << 20 {
            return;
        }
        let start = (ptr as usize).next_multiple_of(PAGE);
        let end = (ptr as usize + len) & !(PAGE - 1);
        if end > start {
            // SAFETY: the range lies inside one live allocation (page-aligned inward); the
            // advice only changes how the kernel backs those pages, never their contents.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }

    pub fn tune() {
        // SAFETY: mallopt only changes allocator parameters; it is thread-safe in glibc and the
        // values are in range (M_MMAP_THRESHOLD at most HEAP_MAX_SIZE / 2 = 32 MiB on 64-bit).
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        }
    }
}
