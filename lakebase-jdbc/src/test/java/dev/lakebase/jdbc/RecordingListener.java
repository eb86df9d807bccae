package dev.lakebase.jdbc;

import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.jdbc.spi.MintEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event for assertions. */
class RecordingListener implements LakebaseListener {

  final List<MintEvent> mints = new CopyOnWriteArrayList<>();
  final List<ConnectAttemptEvent> attempts = new CopyOnWriteArrayList<>();
  final List<ColdStartEvent> coldStarts = new CopyOnWriteArrayList<>();

  @Override
  public void onMint(MintEvent e) {
    mints.add(e);
  }

  @Override
  public void onConnectAttempt(ConnectAttemptEvent e) {
    attempts.add(e);
  }

  @Override
  public void onColdStartWait(ColdStartEvent e) {
    coldStarts.add(e);
  }

  List<Object> all() {
    List<Object> all = new ArrayList<>(mints);
    all.addAll(attempts);
    all.addAll(coldStarts);
    return all;
  }
}
