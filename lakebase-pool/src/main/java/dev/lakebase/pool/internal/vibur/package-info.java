/**
 * Vibur DBCP specifics: the maximum connection lifetime Vibur lacks, enforced around its
 * connection factory and idle queue. <b>Not API</b>.
 */
package dev.lakebase.pool.internal.vibur;
