//! Reviews report files from the command line until `fazhi report review` exists:
//! `cargo run -p report --example review -- FILE... [--json]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if files.len() > 1 {
        let batch: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|f| ((*f).clone(), std::fs::read(f).unwrap_or_default()))
            .collect();
        print!(
            "{}",
            report::review::batch_to_text(&report::review::review_batch(batch))
        );
        return;
    }
    for file in files {
        match report::review::review_file(std::path::Path::new(file)) {
            Ok(r) if json => println!("{}", r.to_json()),
            Ok(r) => print!("{}", r.to_text()),
            Err(e) => eprintln!("{file}: {e}"),
        }
    }
}
