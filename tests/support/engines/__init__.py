"""Session engines that exist only for the tests: a renamed subclass of the site's engine and an opaque one."""
