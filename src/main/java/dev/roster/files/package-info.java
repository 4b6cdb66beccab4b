/**
 * Files that only their owner may read ({@link dev.roster.files.PrivateFiles}: the audit log, which holds invite
 * links, saved plans and the simulator's and sandbox's state), and what a path is before it is opened
 * ({@link dev.roster.files.FileKind}: a FIFO must never be opened). A leaf package: it depends on nothing else
 * of roster, so every package that reads or writes files may use it.
 */
package dev.roster.files;
