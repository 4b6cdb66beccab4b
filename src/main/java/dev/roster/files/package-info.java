/**
 * Files that only their owner may read: the audit log (it holds invite links), saved plans and the
 * simulator's and sandbox's state. A leaf package: it depends on nothing else of roster, so every
 * package that writes such a file may use it.
 */
package dev.roster.files;
