mod translit;
