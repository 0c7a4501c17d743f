//! The OpenAPI document, generated from the handlers' annotations and the types' schemas.

use super::types::*;
use crate::error::Problem;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = api.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Warta API", description = "Newsroom API of Warta: articles, media and taxonomy. Tokens come from `warta token create`; the newsroom's own pages use the session cookie with an `X-CSRF-Token` header instead."),
    paths(
        super::articles::create, super::articles::get, super::articles::patch, super::articles::publish,
        super::articles::unpublish, super::articles::submit, super::articles::send_back,
        super::articles::revisions, super::articles::restore, super::articles::presence, super::presence::leave,
        super::articles::add_live_entry, super::articles::list, super::media::upload,
        super::media::get, super::media::list, super::media::patch, super::media::delete,
        super::terms::rubriks, super::terms::tags, super::terms::topics,
    ),
    components(schemas(Problem, NewArticle, ArticlePatch, ArticleOut, ArticleList, ArticleSummary, HeroInput,
        AuthorRef, PublishInput, TermOut, AuthorOut, HeroOut, MediaOut, VariantOut, warta_core::Block,
        warta_core::Source, warta_core::Status, UserRef, CorrectionOut, RevisionOut, RevisionList,
        NewLiveEntry, LiveEntryOut, PresenceOut, PresenceName, MediaPatch, MediaList)),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
