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

/// The answers every operation shares (see `answers.rs`).
struct Answers;

impl Modify for Answers {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        super::answers::complete(api);
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Warta API", description = "Newsroom API of Warta: articles, media, taxonomy, search and the queue of agency copy. Tokens come from `warta token create`; the newsroom's own pages use the session cookie with an `X-CSRF-Token` header instead."),
    paths(
        super::articles::create, super::articles::get, super::articles::patch, super::ninjs::get, super::workflow::publish,
        super::workflow::unpublish, super::workflow::submit, super::workflow::send_back,
        super::workflow::discard_pending, super::history::revisions, super::history::restore,
        super::history::presence, super::presence::leave, super::history::add_live_entry, super::articles::list, super::media::upload,
        super::media::get, super::media::list, super::media::patch, super::media::delete,
        super::terms::rubriks, super::terms::create_rubrik, super::terms::tags, super::terms::topics,
        super::home::get, super::home::put, super::replies::add, super::replies::delete,
        super::search::search, super::search::analyze, super::search::suggestions,
        super::wire::list, super::wire::draft,
    ),
    components(schemas(Problem, NewArticle, ArticlePatch, ArticleOut, ArticleList, ArticleSummary, HeroInput,
        AuthorRef, PublishInput, TermOut, AuthorOut, HeroOut, MediaOut, VariantOut, warta_core::Block,
        warta_core::Source, warta_core::Status, UserRef, CorrectionOut, RevisionOut, RevisionList,
        NewLiveEntry, LiveEntryOut, PresenceOut, PresenceName, MediaPatch, MediaList, PendingOut, ArticleVersion, NewRubrik,
        warta_newsroom::HomeSlots, warta_newsroom::BreakingSlot, warta_newsroom::Pin, UnpublishInput,
        NewReplyIn, ReplyOut, warta_core::ArticleKind, warta_core::FactCheck, warta_core::Reference,
        super::search::SearchOut, super::search::SearchHit, super::search::SortOrder, super::search::AnalyzeOut, super::search::TokenOut,
        super::search::SuggestionOut, super::search::SuggestionList,
        super::ninjs::Ninjs, super::ninjs::NinjsText, super::ninjs::NinjsBody, super::ninjs::NinjsConcept,
        super::ninjs::NinjsSource, super::ninjs::NinjsRendition, super::ninjs::NinjsStandard,
        super::wire::WireList, super::wire::WireItemOut)),
    modifiers(&Bearer, &Answers)
)]
pub struct ApiDoc;

pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
