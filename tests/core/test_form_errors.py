from django import forms


class UploadForm(forms.Form):
    name = forms.CharField()
    file = forms.FileField()


class NameForm(forms.Form):
    name = forms.CharField()


def test_it_says_a_file_must_be_chosen_again() -> None:
    html = str(UploadForm(data={"name": "x"}, files={}))
    assert "Everything you typed is still here; a file has to be chosen again." in html


def test_it_does_not_mention_files_on_other_forms() -> None:
    html = str(NameForm(data={}))
    assert "Everything you typed is still here." in html
    assert "file" not in html
