//! Byte offsets (what the library reports) to character offsets (what Python strings and
//! Polars' `str.slice` index by).

/// Converts increasing byte offsets into code-point offsets, walking the text once in all.
pub struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `byte` (a character boundary). Offsets asked in
    /// increasing order cost one pass over the text; an earlier one starts over.
    pub fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self
            .text
            .get(self.byte..byte)
            .map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn cyrillic_offsets_count_characters() {
        let text = "Тихановская встретилась с Лукашенко";
        let mut c = CharOffsets::new(text);
        let start = text.find("Лукашенко").unwrap();
        assert_eq!(c.at(0), 0);
        assert_eq!(c.at(22), 11);
        assert_eq!(c.at(start), 26);
        assert_eq!(c.at(text.len()), 35);
        assert_eq!(c.at(22), 11, "an earlier offset starts over");
    }
}
