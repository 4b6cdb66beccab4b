/**
 * The planner: pure functions from {@link dev.roster.model.DesiredState} and {@link dev.roster.model.LiveState}
 * to a {@link dev.roster.plan.Plan}. No I/O. The identity and change rules are documented on
 * {@link dev.roster.plan.Planner}; {@link dev.roster.plan.SavedPlan} is what a saved plan file holds, and
 * {@link dev.roster.plan.LiveFingerprint} is how the applier tells that a saved plan went stale.
 */
package dev.roster.plan;
