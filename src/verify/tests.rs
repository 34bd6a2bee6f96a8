use super::*;

#[test]
fn smoke() {
    for (s, l, lang) in [
        ("Lukashenko", "Лукашэнка", "be"),
        ("Zakharova", "Захаров", "ru"),
        ("Neftekumsk", "Нефтекамск", "ru"),
        ("Python", "Путин", "ru"),
        ("Spin", "Spain", "en"),
        ("Schodsina", "Жодзіна", "be"),
        ("Шольц", "Scholz", "de"),
        ("Lukashenko", "Lukashenka", "be-Latn"),
    ] {
        let v = verify(s, l, lang);
        eprintln!("{s} / {l}: {}", v.explain());
    }
}
