# nbgrader reads nbgrader_config.py from the directory it runs in: the course's configuration
# lives in autograder/nbgrader_config.py.
c = get_config()  # noqa: F821 - provided by traitlets
load_subconfig("autograder/nbgrader_config.py")  # noqa: F821
