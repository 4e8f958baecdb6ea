"""Real threads released together, for the races proven on PostgreSQL."""

import threading

from django.db import connection


def race(work, count):
    """Run ``work(index)`` in ``count`` threads released together; return what each got."""
    barrier = threading.Barrier(count, timeout=30)
    outcomes = [None] * count

    def run(index):
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as error:  # every outcome is asserted on by the caller
            outcomes[index] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck (deadlock?)"
    return outcomes
