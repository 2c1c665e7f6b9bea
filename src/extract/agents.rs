//! Agent nouns and name words that type open-class actors.
//!
//! `assets/lexicon/agents.json` (derived from PETRARCH2's `Phoenix.agents.txt`, see
//! `assets/lexicon/README.md`) maps head nouns to an actor type: "Hutu rebels" is an armed
//! group, "the Kurdish YPG militia" an armed group, "the defence ministry" a state organ (its
//! state), "Acme Petroleum" a company. Its format:
//!
//! ```json
//! {"version": 1,
//!  "agents": [{"noun": "rebels", "type": "armed_group"}],
//!  "name_words": [{"word": "Bank", "type": "bank"}]}
//! ```
//!
//! `agents` are lower-case head nouns (singular and plural listed separately, multi-word nouns
//! allowed: "news agency"); `name_words` are the last words of a proper name that type it
//! ("Bank", "Corp", "Airlines"), matched case-sensitively. Unknown fields are errors.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The built-in agents file.
pub const BUILTIN_AGENTS: &str = include_str!("../../assets/lexicon/agents.json");

/// What sort of actor an agent noun or name word makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentType {
    /// Government, ministry, armed forces, police, officials: resolves to their state.
    StateOrgan,
    /// Rebels, militants, insurgents, militias, gangs.
    ArmedGroup,
    /// Parties and the political opposition.
    Party,
    /// Companies and firms (never their state).
    Company,
    /// Banks (never their state).
    Bank,
    /// Non-governmental organisations.
    Ngo,
    /// News media that are not state organs.
    Media,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentEntry {
    pub noun: String,
    #[serde(rename = "type")]
    pub ty: AgentType,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameWord {
    pub word: String,
    #[serde(rename = "type")]
    pub ty: AgentType,
}

/// One agents file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentsFile {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub agents: Vec<AgentEntry>,
    #[serde(default)]
    pub name_words: Vec<NameWord>,
}

/// Agent nouns and name words, indexed.
#[derive(Debug, Clone, Default)]
pub struct Agents {
    nouns: HashMap<String, AgentType>,
    name_words: HashMap<String, AgentType>,
    /// The longest noun, in words.
    max_words: usize,
}

/// Parse an agents file's text; `path` is only used for errors.
pub fn parse(path: &Path, text: &str) -> Result<AgentsFile, Error> {
    let f: AgentsFile = serde_json::from_str(text).map_err(|e| Error::Lexicon {
        path: path.to_path_buf(),
        line: e.line(),
        reason: e.to_string(),
    })?;
    for a in &f.agents {
        if a.noun.trim().is_empty() || a.noun.chars().any(char::is_uppercase) {
            return Err(Error::Lexicon {
                path: path.to_path_buf(),
                line: text
                    .find(&format!("\"{}\"", a.noun))
                    .map_or(0, |i| text[..i].lines().count()),
                reason: format!("agent noun {:?} must be non-empty lower case", a.noun),
            });
        }
    }
    if let Some(w) = f.name_words.iter().find(|w| w.word.trim().is_empty()) {
        return Err(Error::Lexicon {
            path: path.to_path_buf(),
            line: 0,
            reason: format!("empty name word {:?}", w.word),
        });
    }
    Ok(f)
}

static BUILTIN: LazyLock<Agents> = LazyLock::new(|| {
    Agents::new(
        &parse(Path::new("assets/lexicon/agents.json"), BUILTIN_AGENTS)
            .expect("built-in agents file is valid"),
    )
});

impl Agents {
    /// The built-in agents (parsed once per process).
    pub fn builtin() -> &'static Agents {
        &BUILTIN
    }

    pub fn new(f: &AgentsFile) -> Agents {
        let mut a = Agents::default();
        for e in &f.agents {
            let n = e.noun.split_whitespace().collect::<Vec<_>>().join(" ");
            a.max_words = a.max_words.max(n.split(' ').count());
            a.nouns.entry(n).or_insert(e.ty);
        }
        for w in &f.name_words {
            a.name_words.entry(w.word.trim().to_owned()).or_insert(w.ty);
        }
        a
    }

    /// Number of agent nouns.
    pub fn len(&self) -> usize {
        self.nouns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nouns.is_empty()
    }

    /// The type of an agent noun ("rebels", "news agency"), case-insensitive.
    pub fn noun_type(&self, noun: &str) -> Option<AgentType> {
        let n = noun
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        self.nouns.get(&n).copied()
    }

    /// The type of the head of a phrase ("Hutu rebels", "the Kurdish YPG militia"): the
    /// longest agent noun that ends the phrase.
    pub fn head_type(&self, phrase: &str) -> Option<AgentType> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let longest = self.max_words.min(words.len());
        (1..=longest)
            .rev()
            .find_map(|k| self.noun_type(&words[words.len() - k..].join(" ")))
    }

    /// The type a proper name gets from its last word ("Bank Melli" is not typed by its last
    /// word, "Acme Corp" is a company; "Bank of X" and "X Bank" are banks).
    pub fn name_type(&self, name: &str) -> Option<AgentType> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let last = words.last()?;
        if let Some(&t) = self.name_words.get(*last) {
            return Some(t);
        }
        // "Bank of Ruritania", "Banco Santander": a bank word first.
        let first = words.first()?;
        match self.name_words.get(*first) {
            Some(&AgentType::Bank) if words.len() > 1 => Some(AgentType::Bank),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_agents_parse_and_type_heads() {
        let a = Agents::builtin();
        assert!(a.len() > 500, "{}", a.len());
        assert_eq!(a.head_type("Hutu rebels"), Some(AgentType::ArmedGroup));
        assert_eq!(
            a.head_type("the Kurdish YPG militia"),
            Some(AgentType::ArmedGroup)
        );
        assert_eq!(
            a.head_type("the Russian government"),
            Some(AgentType::StateOrgan)
        );
        assert_eq!(
            a.head_type("Iran's foreign ministry"),
            Some(AgentType::StateOrgan)
        );
        assert_eq!(a.head_type("the opposition party"), Some(AgentType::Party));
        assert_eq!(a.noun_type("Troops"), Some(AgentType::StateOrgan));
        assert_eq!(a.head_type("a quiet afternoon"), None);
    }

    #[test]
    fn name_words_type_companies_and_banks() {
        let a = Agents::builtin();
        assert_eq!(a.name_type("Acme Corp"), Some(AgentType::Company));
        assert_eq!(a.name_type("Gulf Petroleum"), Some(AgentType::Company));
        assert_eq!(
            a.name_type("Ruritania National Bank"),
            Some(AgentType::Bank)
        );
        assert_eq!(a.name_type("Bank of Ruritania"), Some(AgentType::Bank));
        assert_eq!(a.name_type("Vladimir Putin"), None);
    }

    #[test]
    fn bad_files_are_refused() {
        let p = Path::new("a.json");
        assert!(parse(p, r#"{"agents":[{"noun":"rebels","type":"armed_group"}]}"#).is_ok());
        // Unknown field, unknown type, upper-case noun.
        assert!(parse(p, r#"{"agents":[],"extra":1}"#).is_err());
        assert!(parse(p, r#"{"agents":[{"noun":"rebels","type":"rebel"}]}"#).is_err());
        assert!(parse(p, r#"{"agents":[{"noun":"Rebels","type":"armed_group"}]}"#).is_err());
    }
}
