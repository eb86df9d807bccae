package dev.lakebase.examples.ingest.table;

import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /ingest}: one JSON object or an array of them, record by record,
 * so a request never holds more than the buffer could take.
 */
public final class JsonRecords {

  /**
   * Decimals stay exact ({@code numeric} columns) and a repeated field is an error rather than
   * silently the last value. Records are read one by one from an array, so the tokens after
   * one record are not "trailing".
   */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Receives each record with its position in the request. */
  @FunctionalInterface
  public interface RecordHandler {
    /**
     * @param position 0-based position of the record (0 for a single object)
     * @param record the record
     */
    void accept(int position, JsonNode record);
  }

  /** The body holds more records than allowed (HTTP 413). */
  public static final class TooManyRecordsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TooManyRecordsException(int limit) {
      super("the request holds more than " + limit + " records, the buffer capacity of the"
          + " table; split it into smaller requests", null, false, false);
    }
  }

  private JsonRecords() {}

  /**
   * Reads every record of a body.
   *
   * @param body the request body
   * @param limit most records accepted
   * @param handler receives each record
   * @return the number of records
   * @throws MalformedJsonException when the body is not JSON, is empty or has content after
   *     the value (the message names line and column)
   * @throws TooManyRecordsException when there are more than {@code limit} records
   */
  public static int read(InputStream body, int limit, RecordHandler handler) {
    try (JsonParser parser = MAPPER.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedJsonException("the body is empty; expected a JSON object or an array"
            + " of objects");
      }
      int count = 0;
      if (first == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (count == limit) {
            throw new TooManyRecordsException(limit);
          }
          handler.accept(count++, MAPPER.readTree(parser));
        }
      } else {
        handler.accept(count++, MAPPER.readTree(parser));
      }
      if (parser.nextToken() != null) {
        throw new MalformedJsonException("unexpected content after the JSON value at line "
            + parser.currentTokenLocation().getLineNr() + ", column "
            + parser.currentTokenLocation().getColumnNr());
      }
      return count;
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new MalformedJsonException("malformed JSON" + (at == null ? "" : " at line "
          + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
    }
  }
}
