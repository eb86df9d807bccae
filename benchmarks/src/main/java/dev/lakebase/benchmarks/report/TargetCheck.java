package dev.lakebase.benchmarks.report;

/**
 * One design target and what the run measured for it.
 *
 * @param target the target, e.g. "connection cycle SDK/bare ≥ 0.98 (HikariCP)"
 * @param measured the measured value and margin, e.g. "0.996 (margin +0.016)"
 * @param met whether the target is met
 */
record TargetCheck(String target, String measured, boolean met) {}
