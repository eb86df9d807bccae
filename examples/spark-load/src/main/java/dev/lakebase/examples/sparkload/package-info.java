/**
 * The Spark load example: a TPC-H {@code lineitem}-like DataFrame written into Lakebase over
 * {@code jdbc:lakebase:}, read back partitioned and verified, in Spark local mode against the
 * embedded emulator by default; plus a throughput comparison with plain pgjdbc.
 */
package dev.lakebase.examples.sparkload;
