vcl 4.1;
# Varnish in front of Warta instances (a round-robin over two here). Warta marks every page with
# a `Surrogate-Key` header (`all pages article-12 rubrik-3 lists …`) and, when content changes,
# sends a `BAN` whose `X-Ban-Surrogate-Key` header is a regular expression over those keys
# (set `cdn_purge = "varnish"` and `cdn_purge_url = "http://<this varnish>:6081"`). Pages stay
# cached for their `s-maxage` unless a change purges them. The integration test
# (crates/warta/tests/it/cdn.rs) runs this file with the backends' ports replaced.

import directors;

backend warta_a { .host = "127.0.0.1"; .port = "8080"; }
backend warta_b { .host = "127.0.0.1"; .port = "8081"; }

# Who may ban: the Warta instances (and the machine itself).
acl purgers { "127.0.0.1"; "::1"; }

sub vcl_init {
    new warta = directors.round_robin();
    warta.add_backend(warta_a);
    warta.add_backend(warta_b);
}

sub vcl_recv {
    set req.backend_hint = warta.backend();
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.X-Ban-Surrogate-Key) {
            return (synth(400, "X-Ban-Surrogate-Key missing"));
        }
        # Lurker-friendly (only obj.* in the expression): old objects are dropped in the
        # background, and a lookup never returns a banned one.
        ban("obj.http.Surrogate-Key ~ " + req.http.X-Ban-Surrogate-Key);
        return (synth(200, "Banned"));
    }
}

sub vcl_deliver {
    # The keys are for the cache, not for readers.
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
