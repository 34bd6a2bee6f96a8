//! `serde::Serialize` for the result types (feature `serde`): the JSON the command-line tool
//! prints, so that every client gets the same shape from the same code.
//!
//! Field names and order are part of the output format: `id`, `canonical`, `kind` for what
//! was found, `match` for [`How`], offsets as byte offsets into the caller's text.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use crate::cluster::Cluster;
use crate::entity::{Entity, Name};
use crate::how::How;
use crate::lookup::Match;
use crate::matcher::Mention;
use crate::table::Kind;

/// `"person"`, `"place"`, … (see [`Kind::as_str`]).
impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// `"alias"`, `"key"`, … (see [`How::as_str`]).
impl Serialize for How {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// `{"id", "kind", "canonical", "qid", "description", "weight", "names": [Name, …],
/// "properties"}`, the weight and the properties only when there are any: a line of a JSON Lines
/// table that reads back as the same entity.
impl Serialize for Entity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Entity", 8)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("canonical", self.canonical())?;
        st.serialize_field("qid", &self.qid())?;
        st.serialize_field("description", self.description())?;
        match self.weight() {
            Some(w) => st.serialize_field("weight", &w)?,
            None => st.skip_field("weight")?,
        }
        st.serialize_field("names", self.names())?;
        properties(self, &mut st)?;
        st.end()
    }
}

/// The `properties` field of an entity's record, when it has any.
fn properties<S: SerializeStruct>(e: &Entity, st: &mut S) -> Result<(), S::Error> {
    if e.properties().len() == 0 {
        return st.skip_field("properties");
    }
    st.serialize_field("properties", &Properties(e))
}

/// An entity's properties as a JSON object, each value as it was given.
struct Properties<'a>(&'a Entity);

impl Serialize for Properties<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.properties().len()))?;
        for (name, json) in self.0.properties() {
            map.serialize_entry(name, &Json(json))?;
        }
        map.end()
    }
}

/// A value kept as JSON text. Only a JSON Lines table gives properties, and reading one needs
/// the `json` feature, so without it there is nothing to write.
struct Json<'a>(&'a str);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[cfg(feature = "json")]
        match serde_json::from_str::<serde_json::Value>(self.0) {
            Ok(value) => value.serialize(s),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
        #[cfg(not(feature = "json"))]
        s.serialize_str(self.0)
    }
}

/// `{"name", "lang", "source", "flags"}`, the flags (as a table writes them, `cs,exact`) only
/// when there are any.
impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Name", 4)?;
        st.serialize_field("name", self.text())?;
        st.serialize_field("lang", self.lang())?;
        st.serialize_field("source", self.source())?;
        let flags = self.flags();
        if flags == Default::default() {
            st.skip_field("flags")?;
        } else {
            st.serialize_field("flags", &flags.to_string())?;
        }
        st.end()
    }
}

/// `{"id", "canonical", "kind", "qid", "match", "homoglyph", "score", "why", "weight",
/// "properties"}`: the entity found, how, and how sure; the entity's weight and properties only
/// when it has any.
impl Serialize for Match<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.entity();
        let mut st = s.serialize_struct("Match", 10)?;
        st.serialize_field("id", e.id())?;
        st.serialize_field("canonical", e.canonical())?;
        st.serialize_field("kind", &e.kind())?;
        st.serialize_field("qid", &e.qid())?;
        st.serialize_field("match", &self.how())?;
        st.serialize_field("homoglyph", &self.is_homoglyph())?;
        st.serialize_field("score", &self.score())?;
        st.serialize_field("why", self.why().as_str())?;
        match e.weight() {
            Some(w) => st.serialize_field("weight", &w)?,
            None => st.skip_field("weight")?,
        }
        properties(e, &mut st)?;
        st.end()
    }
}

/// `{"start", "end", "id", "canonical", "kind", "match", "homoglyph", "score", "why",
/// "properties"}`, with byte offsets; the entity's properties only when it has any.
impl Serialize for Mention<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.entity();
        let mut st = s.serialize_struct("Mention", 10)?;
        st.serialize_field("start", &self.start())?;
        st.serialize_field("end", &self.end())?;
        st.serialize_field("id", e.id())?;
        st.serialize_field("canonical", e.canonical())?;
        st.serialize_field("kind", &e.kind())?;
        st.serialize_field("match", &self.how())?;
        st.serialize_field("homoglyph", &self.is_homoglyph())?;
        st.serialize_field("score", &self.score())?;
        st.serialize_field("why", self.why().as_str())?;
        properties(e, &mut st)?;
        st.end()
    }
}

/// `{"size", "canonical", "key", "spellings": [{"name", "count"}, …]}`.
impl Serialize for Cluster {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Spellings<'a>(&'a [(String, usize)]);
        struct Spelling<'a>(&'a str, usize);
        impl Serialize for Spellings<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for (name, count) in self.0 {
                    seq.serialize_element(&Spelling(name, *count))?;
                }
                seq.end()
            }
        }
        impl Serialize for Spelling<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Spelling", 2)?;
                st.serialize_field("name", self.0)?;
                st.serialize_field("count", &self.1)?;
                st.end()
            }
        }
        let mut st = s.serialize_struct("Cluster", 4)?;
        st.serialize_field("size", &self.len())?;
        st.serialize_field("canonical", self.canonical())?;
        st.serialize_field("key", self.key())?;
        st.serialize_field("spellings", &Spellings(self.spellings()))?;
        st.end()
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    #[test]
    fn a_mention_and_a_match_serialize_as_the_cli_prints_them() {
        let m = crate::matcher().find_iter("Лукашенко").next();
        assert_eq!(
            serde_json::to_string(&m).ok().as_deref(),
            Some(
                r#"{"start":0,"end":18,"id":"per:alyaksandr-lukashenka","canonical":"Alyaksandr Lukashenka","kind":"person","match":"alias","homoglyph":false,"score":1.0,"why":"alias","properties":{"scope":"loc:belarus"}}"#
            )
        );
        let m = crate::lookup("Лукашенко");
        assert_eq!(
            serde_json::to_string(&m).ok().as_deref(),
            Some(
                r#"{"id":"per:alyaksandr-lukashenka","canonical":"Alyaksandr Lukashenka","kind":"person","qid":null,"match":"alias","homoglyph":false,"score":1.0,"why":"alias","properties":{"scope":"loc:belarus"}}"#
            )
        );
    }

    #[test]
    fn a_cluster_serializes_with_its_size_and_counted_spellings() {
        let groups = crate::cluster(["Лукашенко", "Lukashenka", "Лукашенко"]);
        assert_eq!(
            serde_json::to_string(&groups[0]).ok().as_deref(),
            Some(&*format!(
                r#"{{"size":3,"canonical":"Лукашенко","key":"{}","spellings":[{{"name":"Лукашенко","count":2}},{{"name":"Lukashenka","count":1}}]}}"#,
                crate::key("Lukashenka")
            ))
        );
    }
}
