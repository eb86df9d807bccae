package dev.lakebase.examples.ingest.table;

/**
 * A fast check for the common shape of an ISO-8601 timestamp,
 * {@code 2024-05-01T12:00:00[.f][Z|+hh:mm]}: {@code java.time} parsing and printing cost about a microsecond per value, most of a bulk
 * row's budget. A value of this shape is valid for PostgreSQL as it is and is passed through;
 * anything else (other shapes, years before 1000, unusual offsets) takes the full
 * {@code java.time} path with its messages.
 */
final class IsoTimestamps {

  private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private IsoTimestamps() {}

  /**
   * @param value the text
   * @param offset whether an offset ({@code Z} or {@code +hh:mm}) is required, else forbidden
   * @return true when the value has the common shape and denotes a real date and time
   */
  static boolean plain(String value, boolean offset) {
    int n = value.length();
    if (n < 19 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
        || value.charAt(13) != ':' || value.charAt(16) != ':') {
      return false;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 2);
    int day = digits(value, 8, 2);
    int hour = digits(value, 11, 2);
    int minute = digits(value, 14, 2);
    int second = digits(value, 17, 2);
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]
        || (month == 2 && day == 29 && !leap(year)) || hour > 23 || minute > 59 || second > 59) {
      return false;
    }
    int i = 19;
    if (i < n && value.charAt(i) == '.') {
      int start = ++i;
      while (i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
        i++;
      }
      if (i == start || i - start > 9) {
        return false;
      }
    }
    if (!offset) {
      return i == n;
    }
    if (i + 1 == n && value.charAt(i) == 'Z') {
      return true;
    }
    if (i + 6 != n || (value.charAt(i) != '+' && value.charAt(i) != '-')
        || value.charAt(i + 3) != ':') {
      return false;
    }
    int offsetHours = digits(value, i + 1, 2);
    int offsetMinutes = digits(value, i + 4, 2);
    return offsetHours >= 0 && offsetHours <= 14 && offsetMinutes >= 0 && offsetMinutes <= 59;
  }

  private static boolean leap(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** The non-negative number of {@code length} ASCII digits at {@code from}, or -1. */
  private static int digits(String value, int from, int length) {
    int number = 0;
    for (int i = from; i < from + length; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }
}
