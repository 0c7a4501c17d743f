//! The newsroom interface: templates, interface strings and the built editor bundle.
