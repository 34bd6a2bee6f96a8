fn main() {
    for a in std::env::args().skip(1) {
        let k = canonym::fold::key_plain(&a);
        println!("{a}\t{k}\t{}", canonym::fold::key_plain(&k));
    }
}
