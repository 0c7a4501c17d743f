//! The answers every API operation can give besides its own, added to the OpenAPI document in
//! one place so that no route forgets them (a fuzzer checks the document against the server):
//!
//! * every error body is `application/problem+json` (RFC 9457), never `application/json`;
//! * 401 on every operation that needs a token; 403 too (a role that may not, or a session
//!   cookie without its `X-CSRF-Token`);
//! * 400 everywhere (a malformed query, path, header or body);
//! * 503 everywhere, with `Retry-After`, when the server sheds load (`overload.rs`);
//! * 404 where the path names a resource;
//! * 413 and 422 where a request body is read (too large; well-formed but breaking a rule).

use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Add the shared answers and give every `Problem` body the problem+json media type.
pub fn complete(api: &mut OpenApi) {
    for (path, item) in api.paths.paths.iter_mut() {
        let has_id = path.contains('{');
        for method in [
            HttpMethod::Get,
            HttpMethod::Post,
            HttpMethod::Patch,
            HttpMethod::Put,
            HttpMethod::Delete,
        ] {
            if let Some(op) = operation(item, method) {
                problems_as_problem_json(op);
                add_shared(op, has_id);
                example_ids(op);
            }
        }
    }
}

fn operation(item: &mut utoipa::openapi::PathItem, method: HttpMethod) -> Option<&mut Operation> {
    match method {
        HttpMethod::Get => item.get.as_mut(),
        HttpMethod::Post => item.post.as_mut(),
        HttpMethod::Patch => item.patch.as_mut(),
        HttpMethod::Put => item.put.as_mut(),
        HttpMethod::Delete => item.delete.as_mut(),
        _ => None,
    }
}

fn is_problem(schema: &RefOr<utoipa::openapi::schema::Schema>) -> bool {
    matches!(schema, RefOr::Ref(r) if r.ref_location.ends_with("/Problem"))
}

fn problems_as_problem_json(op: &mut Operation) {
    for answer in op.responses.responses.values_mut() {
        let RefOr::T(answer) = answer else { continue };
        let problem = answer
            .content
            .get("application/json")
            .and_then(|c| c.schema.as_ref())
            .is_some_and(is_problem);
        if problem && let Some(c) = answer.content.shift_remove("application/json") {
            answer.content.insert(PROBLEM_JSON.into(), c);
        }
    }
}

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

fn add_shared(op: &mut Operation, has_id: bool) {
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let body = op.request_body.is_some();
    let mut shared = vec![
        ("400", "malformed query, path or body"),
        (
            "503",
            "the server is busy (every slot for uncached work is taken); retry after `Retry-After` seconds",
        ),
    ];
    if secured {
        shared.push((
            "401",
            "no valid token (missing, unknown, revoked, or the account is disabled)",
        ));
        shared.push((
            "403",
            "the role may not do this, or a session cookie came without its X-CSRF-Token",
        ));
    }
    if has_id {
        shared.push(("404", "no such resource"));
    }
    if body {
        shared.push(("413", "the request body is too large"));
        shared.push((
            "422",
            "the body is well-formed but breaks a rule (see `field`)",
        ));
    }
    for (status, description) in shared {
        op.responses
            .responses
            .entry(status.into())
            .or_insert_with(|| RefOr::T(problem(description)));
    }
}

/// Path ids get the example `1` (the first article or photo), so a client trying the
/// document finds something.
fn example_ids(op: &mut Operation) {
    use utoipa::openapi::path::ParameterIn;
    for p in op.parameters.iter_mut().flatten() {
        if matches!(p.parameter_in, ParameterIn::Path) {
            let with = utoipa::openapi::path::ParameterBuilder::from(p.clone())
                .example(Some(serde_json::json!(1)));
            *p = with.build();
        }
    }
}
