// System calls that Swift's Glibc module does not expose.
#ifndef CHISO_CSYSTEM_H
#define CHISO_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1 with errno
/// set (ENOSYS or EINVAL where the kernel or file system cannot exchange).
int chiso_rename_exchange(const char *from, const char *to);

#endif
