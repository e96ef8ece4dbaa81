/*
 * fold.h — search keys: the same text typed differently finds the same thing.
 *
 * NFKC (utf8proc) folds 全角/半角 letters, digits and ｶﾀｶﾅ; case folding
 * makes Ａｂｃ match abc; hiragana are mapped to katakana so やまだ matches
 * ヤマダ; all whitespace (including 全角スペース) is dropped so 山田 太郎
 * matches 山田太郎.
 */
#ifndef MAMORI_FOLD_H
#define MAMORI_FOLD_H

/* Returns a newly allocated folded copy; invalid UTF-8 yields a copy of the
 * valid prefix. */
char *fold_key(const char *s);
/* Whether s is valid UTF-8. */
int utf8_valid(const char *s, long len);
/* Cuts a string that snprintf may have truncated inside a character back to
 * the last whole one. */
void utf8_trim_partial(char *s);

#endif
