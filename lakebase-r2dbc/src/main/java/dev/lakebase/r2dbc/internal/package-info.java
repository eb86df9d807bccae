/**
 * Implementation of the R2DBC module: one physical connect through r2dbc-postgresql, the mapping
 * of R2DBC URLs and options to the core's settings, and of R2DBC exceptions to the core's failure
 * classification. <b>Not API</b>: use {@code dev.lakebase.r2dbc}.
 */
package dev.lakebase.r2dbc.internal;
