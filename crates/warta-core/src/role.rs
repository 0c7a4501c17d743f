use crate::ValidationError;

/// Newsroom roles, from least to most trusted.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Contributor,
    Writer,
    Editor,
    Admin,
}

/// What a role may do. Checked on the server for every API route and admin page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// Create articles and edit one's own drafts.
    WriteOwn,
    /// Read every article in the newsroom, drafts of others included (contributors, often
    /// outside the newsroom, see only their own and published ones).
    ReadAll,
    /// Edit any article, whoever wrote it.
    EditAny,
    /// Publish and unpublish.
    Publish,
    /// Create rubriks (sections) and edit taxonomy.
    ManageTaxonomy,
    /// Arrange the front page (its slots and the breaking-news bar).
    CurateHome,
    /// Users and settings.
    Administer,
}

impl Role {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "contributor" => Ok(Role::Contributor),
            "writer" => Ok(Role::Writer),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(ValidationError::new(
                "role",
                format!("unknown role '{other}' (contributor, writer, editor, admin)"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Contributor => "contributor",
            Role::Writer => "writer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn can(self, cap: Capability) -> bool {
        match cap {
            Capability::WriteOwn => true,
            Capability::ReadAll => self >= Role::Writer,
            Capability::EditAny
            | Capability::Publish
            | Capability::ManageTaxonomy
            | Capability::CurateHome => self >= Role::Editor,
            Capability::Administer => self == Role::Admin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_editors_and_admins_publish() {
        assert!(!Role::Contributor.can(Capability::Publish));
        assert!(!Role::Writer.can(Capability::Publish));
        assert!(Role::Editor.can(Capability::Publish));
        assert!(Role::Admin.can(Capability::Publish));
        assert!(!Role::Editor.can(Capability::Administer));
        assert!(!Role::Contributor.can(Capability::ReadAll));
        assert!(Role::Writer.can(Capability::ReadAll));
    }

    #[test]
    fn roles_round_trip() {
        for r in [Role::Contributor, Role::Writer, Role::Editor, Role::Admin] {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        assert!(Role::parse("owner").is_err());
    }
}
