"""project forks without end. Starting processes is a hidden-code rule: project is never run."""
import os


def project(a, b):
    while True:
        os.fork()
