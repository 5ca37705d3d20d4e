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


def test_every_form_names_each_mistake_and_links_to_its_field() -> None:
    # Before: diary forms listed and linked each mistake, every other form only said
    # "Some answers need another look"; one style now, the same template.
    html = str(UploadForm(data={}, files={}))
    assert '<a href="#id_name">Name</a>: This field is required.' in html
    assert '<a href="#id_file">File</a>' in html
