package dev.roster.apply;

/**
 * @param maxConcurrency    groups applied at once
 * @param maxRemovalPercent refuse a group whose plan removes more than this share of its participants
 * @param prune             whether leaving unmanaged groups is allowed at all
 * @param commit            the git commit the desired state came from, for the audit log; may be null
 */
public record ApplyOptions(int maxConcurrency, int maxRemovalPercent, boolean prune, String commit) {}
