//! Accent folding for matching names typed without diacritics ("Juarez" finds "Juárez
//! Cartel") and for actor ids.

/// A Latin letter with a diacritic as its base letter ("Juárez" -> "Juarez" in ids).
pub fn fold_accent(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőřśšşťùúûüūůűųýÿźżžÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮŁÑŃŇÒÓÔÕÖØŌŐŘŚŠŞŤÙÚÛÜŪŮŰŲÝŸŹŻŽ";
    const TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorssstuuuuuuuuyyzzzAAAAAAAAACCCDEEEEEEEEIIIIIILNNNOOOOOOOORSSSTUUUUUUUUYYZZZ";
    match FROM.chars().position(|x| x == c) {
        Some(i) => TO.chars().nth(i).unwrap_or(c),
        None => c,
    }
}

/// Lower case with Latin diacritics folded: the key under which names are matched.
pub fn search_key(s: &str) -> String {
    s.chars()
        .flat_map(|c| fold_accent(c).to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_fold_to_their_base_letters() {
        assert_eq!(search_key("Juárez Cartel"), "juarez cartel");
        assert_eq!(search_key("Łódź"), "lodz");
        assert_eq!(search_key("São Tomé"), "sao tome");
        assert_eq!(search_key("Κύπρος"), "κύπρος");
    }
}
