"""The server's threads open and close the air store at the same time (a page and its htmx
fragments): DuckDB must never refuse one with "Cannot attach … already attached"."""
import threading

from ecoplan.analytics.store import AirStore


def test_threads_open_and_close_the_store_at_once(tmp_path):
    AirStore(tmp_path).close()
    errors: list[str] = []

    def work():
        for _ in range(150):
            try:
                store = AirStore(tmp_path)
                store.query("SELECT 1")
                store.close()
            except Exception as exc:  # noqa: BLE001 — any refusal is the failure
                errors.append(repr(exc)[:200])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
