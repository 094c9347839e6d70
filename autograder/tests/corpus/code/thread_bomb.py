"""dot starts sleeping threads until it cannot start any more (the process limit counts threads)."""
import threading
import time


def dot(a, b):
    while True:
        threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
