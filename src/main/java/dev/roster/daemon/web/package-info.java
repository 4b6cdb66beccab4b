/**
 * The operator's web page: server-rendered HTML on the daemon's HTTP server ({@code /} and {@code /ui/...}), usable
 * without JavaScript. Read-only for everyone; signing in with {@code daemon.http.token} shows invite links and the
 * sync, pause and resume buttons. Depends on the daemon package for what it shows; the daemon wires it in.
 */
package dev.roster.daemon.web;
