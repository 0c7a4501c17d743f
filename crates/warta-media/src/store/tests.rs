use super::*;

fn store() -> (tempfile::TempDir, MediaStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::local(dir.path().join("media"));
    (dir, store)
}

#[tokio::test]
async fn put_get_delete_roundtrip() {
    let (_dir, store) = store();
    let key = "2026/11/42-1600.webp";
    assert!(store.get(key).await.unwrap().is_none());

    store.put(key, b"first", "image/webp").await.unwrap();
    assert_eq!(store.get(key).await.unwrap().unwrap(), &b"first"[..]);

    store.put(key, b"second", "image/webp").await.unwrap();
    assert_eq!(store.get(key).await.unwrap().unwrap(), &b"second"[..]);

    store.delete(key).await.unwrap();
    assert!(store.get(key).await.unwrap().is_none());
    store.delete(key).await.unwrap(); // deleting again is fine
}

#[tokio::test]
async fn put_leaves_no_temporary_files_behind() {
    let (dir, store) = store();
    store.put("a/b.png", b"png", "image/png").await.unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path().join("media/a"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["b.png"]);
}

#[tokio::test]
async fn invalid_keys_are_storage_errors_and_touch_nothing() {
    let (dir, store) = store();
    for key in ["../x", "/abs", "a//b", "A.JPG"] {
        let put = store.put(key, b"x", "image/png").await;
        assert!(matches!(put, Err(MediaError::Storage(_))), "{key}: {put:?}");
        assert!(matches!(store.get(key).await, Err(MediaError::Storage(_))));
        assert!(matches!(
            store.delete(key).await,
            Err(MediaError::Storage(_))
        ));
    }
    assert!(!dir.path().join("x").exists());
    assert!(!dir.path().join("media").exists());
}

#[tokio::test]
async fn check_creates_a_missing_root() {
    let (dir, store) = store();
    store.check().await.unwrap();
    assert!(dir.path().join("media").is_dir());
    assert_eq!(
        std::fs::read_dir(dir.path().join("media")).unwrap().count(),
        0
    );
}

#[tokio::test]
async fn check_fails_when_the_root_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let store = MediaStore::local(&file);
    assert!(matches!(store.check().await, Err(MediaError::Storage(_))));
}

#[tokio::test]
async fn list_and_size_see_media_files_only() {
    let (dir, store) = store();
    assert!(store.list().await.unwrap().is_empty(), "no folder yet");
    store
        .put("2026/11/a-800.webp", b"webp", "image/webp")
        .await
        .unwrap();
    store.put("b.png", b"pn", "image/png").await.unwrap();
    // A half-written temporary file and a name no key can have are not part of the library.
    std::fs::write(dir.path().join("media/2026/11/.a.webp.1.tmp"), b"x").unwrap();
    std::fs::write(dir.path().join("media/Catatan.TXT"), b"x").unwrap();
    assert_eq!(
        store.list().await.unwrap(),
        [("2026/11/a-800.webp".to_string(), 4), ("b.png".into(), 2)]
    );
    assert_eq!(store.size("b.png").await.unwrap(), Some(2));
    assert_eq!(store.size("2026/11").await.unwrap(), None, "a folder");
    assert_eq!(store.size("c.png").await.unwrap(), None);
    let file = store.open("b.png").await.unwrap().unwrap();
    assert_eq!(file.size, 2);
    assert!(matches!(file.body, MediaBody::Bytes(b) if b == b"pn"[..]));
}
