package dev.lakebase.examples.orders.generator;

import java.util.SplittableRandom;

/**
 * TPC-H-like comment text: pseudo-sentences from the words of TPC-H's text grammar (clause
 * 4.2.2.10), cut to a random length. Only letters, spaces and a few punctuation marks, so the
 * text needs no escaping in COPY's text format.
 */
final class TpchText {

  private static final String[] WORDS = (
      "furiously sly careful blithe quick fluffy slow quiet ruthless thin close dogged daring "
      + "brave stealthy permanent enticing idle busy regular final ironic even bold silent "
      + "foxes ideas theodolites pinto beans instructions dependencies excuses platelets "
      + "asymptotes courts dolphins multipliers sauternes warthogs frets dinos attainments "
      + "somas Tiresias patterns forges braids frays warhorses dugouts notornis epitaphs "
      + "pearls tithes waters orbits gifts sheaves depths sentiments decoys realms pains "
      + "grouches escapades packages requests accounts deposits sleep wake are cajole haggle "
      + "nag use boost affix detect integrate maintain nod was lose sublate solve thrash "
      + "promise engage hinder print x-ray breach eat grow impress mold poach serve run "
      + "dazzle snooze doze unwind kindle play hang believe doubt about above according to "
      + "across after against along alongside among around at atop before behind beneath "
      + "beside besides between beyond by despite during except for from in inside instead "
      + "of into near on outside over past since through throughout to toward under until "
      + "up upon without with within quickly quietly carefully blithely slyly furiously "
      + "fluffily ironically finally evenly boldly silently").split(" ");

  private TpchText() {}

  /**
   * @param random the order's random stream
   * @param minLength shortest text
   * @param maxLength longest text
   * @return text of a random length in [minLength, maxLength]
   */
  static String comment(SplittableRandom random, int minLength, int maxLength) {
    int length = random.nextInt(minLength, maxLength + 1);
    StringBuilder text = new StringBuilder(length + 16);
    while (text.length() < length) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(WORDS[random.nextInt(WORDS.length)]);
    }
    text.setLength(length);
    // A cut may leave a trailing space: end on a letter so the length stays exact.
    if (text.charAt(length - 1) == ' ') {
      text.setCharAt(length - 1, '.');
    }
    return text.toString();
  }
}
