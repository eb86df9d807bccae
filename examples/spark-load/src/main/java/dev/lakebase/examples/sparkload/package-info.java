/**
 * The Spark load example: a TPC-H {@code lineitem}-like DataFrame written into Lakebase over
 * {@code jdbc:lakebase:}, read back partitioned and verified, in Spark local mode; plus a
 * throughput comparison with plain pgjdbc. The local emulator target is in the tests ({@code
 * TestSparkLoad}, what {@code run.sh} starts).
 */
package dev.lakebase.examples.sparkload;
