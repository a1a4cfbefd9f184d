//! Routing: `#/SLUG` opens and scrolls to a panel, `#/SLUG/ID` to an example.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub section: String,
    pub example: Option<String>,
}

impl Route {
    /// Parses a location hash (`#/reference-counting/refcount`).
    pub fn parse(hash: &str) -> Option<Route> {
        let path = hash.strip_prefix('#').unwrap_or(hash).strip_prefix('/')?;
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let section = parts.next()?.to_string();
        let example = parts.next().map(str::to_string);
        Some(Route { section, example })
    }

    /// The DOM id of the element to scroll to.
    pub fn target_id(&self) -> String {
        match &self.example {
            Some(e) => example_dom_id(e),
            None => section_dom_id(&self.section),
        }
    }
}

pub fn section_href(slug: &str) -> String {
    format!("#/{slug}")
}

pub fn example_href(slug: &str, id: &str) -> String {
    format!("#/{slug}/{id}")
}

pub fn section_dom_id(slug: &str) -> String {
    format!("section-{slug}")
}

pub fn example_dom_id(id: &str) -> String {
    format!("example-{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_and_examples() {
        assert_eq!(Route::parse("#/sys-getsizeof"), Some(Route { section: "sys-getsizeof".into(), example: None }));
        let r = Route::parse("#/reference-counting/refcount").unwrap();
        assert_eq!(r.example.as_deref(), Some("refcount"));
        assert_eq!(r.target_id(), "example-refcount");
        assert_eq!(Route::parse(""), None);
        assert_eq!(Route::parse("#top"), None);
        assert_eq!(Route::parse("#/"), None);
    }
}
